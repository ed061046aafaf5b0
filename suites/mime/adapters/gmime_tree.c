/* gmime_tree: prints the MIME tree of messages as GMime 3 reads them, in mailspec's JSON form
 * mailspec-mime-1 (suites/mime/README.md).
 *
 *     mime_gmime_adapter FILE       one tree, as one JSON object
 *     mime_gmime_adapter [-]        the message on stdin, one tree out
 *     mime_gmime_adapter --batch    file paths on stdin, one per line; one tree per line on stdout
 *                                   (NDJSON), each with "file", flushed after each line
 *
 * Each file is read into memory and parsed with g_mime_parser_construct_message and GMime's default
 * parser options (its RFC 2047 and address rules in their default, loose mode), the stream persisted so
 * that each leaf's content is a window on the original octets. The JSON is written here by hand (no
 * JSON library): strings are escaped, and octets that are not UTF-8 become U+FFFD.
 *
 * Only what the library tells is printed:
 *  - body_octets and body_lines of a leaf: the length and line ends of its content window (GMime ends
 *    it before the CRLF of a following delimiter); not for multiparts and message parts (no window);
 *  - header_octets of a leaf: from the offset of its first header field to the start of its content;
 *    of a message: the same for its body when that is a leaf; nothing when there is no field to start at;
 *  - decoded_octets/_sha256: the content written out through GMime's decoder, for the encodings GMime
 *    knows; not for an encoding it does not know;
 *  - closed: the multipart's write_end_boundary flag, which the parser sets when it met the close
 *    delimiter (a field of the public struct, marked private);
 *  - no preamble_octets or epilogue_octets: GMime keeps them with CRLF turned into LF, so their octet
 *    counts are lost;
 *  - a field's raw value (Date, Message-ID, In-Reply-To, Content-ID, -Language, -Location, -MD5) is
 *    unfolded and trimmed; addresses come from g_mime_message_get_addresses only when that field is
 *    present; a quoted local part is unquoted (quotes and backslashes of the quoted-string removed).
 *  - type_defaulted is true when there is no Content-Type or the parser warned that it is invalid (GMime
 *    then assumes application/octet-stream); the parameters of a defaulted type are not printed.
 * Parser warnings are listed, never compared, as the top message's "defects".
 * Exit status: 0; 2 for a usage error. A file that cannot be read or parsed gives an object with "error".
 */
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- JSON writing ------------------------------------------------------------------------------ */

typedef struct {
	GString *s;
	GArray *first; /* one gboolean per open object/array: no member written yet */
} writer;

static void w_string (writer *w, const char *text, gssize len)
{
	char *valid = g_utf8_make_valid (text, len);
	const unsigned char *p;

	g_string_append_c (w->s, '"');
	for (p = (const unsigned char *) valid; *p; p++) {
		if (*p == '"' || *p == '\\')
			g_string_append_printf (w->s, "\\%c", *p);
		else if (*p < 0x20)
			g_string_append_printf (w->s, "\\u%04x", *p);
		else
			g_string_append_c (w->s, (char) *p);
	}
	g_string_append_c (w->s, '"');
	g_free (valid);
}

static void w_sep (writer *w)
{
	gboolean *first = &g_array_index (w->first, gboolean, w->first->len - 1);

	if (!*first)
		g_string_append_c (w->s, ',');
	*first = FALSE;
}

static void w_open (writer *w, char c)
{
	gboolean yes = TRUE;

	g_string_append_c (w->s, c);
	g_array_append_val (w->first, yes);
}

static void w_close (writer *w, char c)
{
	g_string_append_c (w->s, c);
	g_array_set_size (w->first, w->first->len - 1);
}

static void w_key (writer *w, const char *key)
{
	w_sep (w);
	w_string (w, key, -1);
	g_string_append_c (w->s, ':');
}

static void w_str (writer *w, const char *key, const char *value)
{
	w_key (w, key);
	if (value)
		w_string (w, value, -1);
	else
		g_string_append (w->s, "null");
}

static void w_int (writer *w, const char *key, gint64 value)
{
	w_key (w, key);
	g_string_append_printf (w->s, "%" G_GINT64_FORMAT, value);
}

static void w_bool (writer *w, const char *key, gboolean value)
{
	w_key (w, key);
	g_string_append (w->s, value ? "true" : "false");
}

/* ---- Header values ----------------------------------------------------------------------------- */

/* A copy of value with every line end that precedes white space removed, trimmed. */
static char *unfold_trim (const char *value)
{
	GString *out = g_string_new (NULL);
	const char *p;

	for (p = value; *p; p++) {
		if (*p == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t')) {
			p++;
			continue;
		}
		if ((*p == '\n' || *p == '\r') && (p[1] == ' ' || p[1] == '\t'))
			continue;
		g_string_append_c (out, *p);
	}
	return g_strstrip (g_string_free (out, FALSE));
}

/* The first header field `name` of a list, or NULL. */
static GMimeHeader *find_header (GMimeHeaderList *headers, const char *name)
{
	int i, n = g_mime_header_list_get_count (headers);

	for (i = 0; i < n; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at (headers, i);
		if (!g_ascii_strcasecmp (g_mime_header_get_name (h), name))
			return h;
	}
	return NULL;
}

/* The raw value of field `name`, unfolded and trimmed (g_free it), or NULL when absent. */
static char *raw_field (GMimeObject *object, const char *name)
{
	GMimeHeader *h = find_header (object->headers, name);

	return h ? unfold_trim (g_mime_header_get_raw_value (h)) : NULL;
}

static void w_raw_field (writer *w, const char *key, GMimeObject *object, const char *name)
{
	char *value = raw_field (object, name);

	if (value)
		w_str (w, key, value);
	g_free (value);
}

/* The smallest offset of the fields of these header lists, or -1 when they have none. */
static gint64 first_field_offset (GMimeHeaderList *a, GMimeHeaderList *b)
{
	GMimeHeaderList *lists[2] = { a, b };
	gint64 best = -1;
	int i, k;

	for (k = 0; k < 2; k++) {
		if (!lists[k])
			continue;
		for (i = 0; i < g_mime_header_list_get_count (lists[k]); i++) {
			gint64 off = g_mime_header_get_offset (g_mime_header_list_get_header_at (lists[k], i));
			if (off >= 0 && (best < 0 || off < best))
				best = off;
		}
	}
	return best;
}

/* ---- Addresses --------------------------------------------------------------------------------- */

/* The local part with the quotes and backslashes of a quoted-string removed. */
static char *unquote_local (const char *local, gssize len)
{
	GString *out = g_string_new (NULL);
	gboolean quoted = FALSE;
	gssize i;

	for (i = 0; i < len; i++) {
		if (local[i] == '"') {
			quoted = !quoted;
		} else if (quoted && local[i] == '\\' && i + 1 < len) {
			g_string_append_c (out, local[++i]);
		} else {
			g_string_append_c (out, local[i]);
		}
	}
	return g_string_free (out, FALSE);
}

static void w_address_list (writer *w, InternetAddressList *list);

static void w_address (writer *w, InternetAddress *ia)
{
	const char *name = internet_address_get_name (ia);

	w_sep (w);
	w_open (w, '{');
	if (INTERNET_ADDRESS_IS_GROUP (ia)) {
		w_str (w, "group", name ? name : "");
		w_key (w, "members");
		w_address_list (w, internet_address_group_get_members ((InternetAddressGroup *) ia));
	} else {
		InternetAddressMailbox *mb = (InternetAddressMailbox *) ia;
		const char *addr = mb->addr ? mb->addr : "";
		gssize at = mb->at >= 0 ? mb->at : (gssize) strlen (addr);
		char *local = unquote_local (addr, at);

		if (name && *name)
			w_str (w, "name", name);
		w_str (w, "mailbox", local);
		w_str (w, "host", addr[at] ? addr + at + 1 : "");
		g_free (local);
	}
	w_close (w, '}');
}

static void w_address_list (writer *w, InternetAddressList *list)
{
	int i;

	w_open (w, '[');
	for (i = 0; list && i < internet_address_list_length (list); i++)
		w_address (w, internet_address_list_get_address (list, i));
	w_close (w, ']');
}

/* ---- Parts ------------------------------------------------------------------------------------- */

typedef struct {
	GMimeHeaderList *lead; /* the message's own fields, for a message's root part; else NULL */
	const char *section;   /* this part's IMAP section, NULL for a message's multipart root */
	const char *prefix;    /* the section its children are numbered under ("" at the top) */
} place;

static void w_message (writer *w, GMimeMessage *message, const char *prefix, GPtrArray *defects);
static void w_part (writer *w, GMimeObject *object, place at);

static char *child_section (const char *prefix, int index)
{
	return *prefix ? g_strdup_printf ("%s.%d", prefix, index) : g_strdup_printf ("%d", index);
}

static void w_params (writer *w, const char *key, GMimeParamList *list)
{
	int i;

	w_key (w, key);
	w_open (w, '{');
	for (i = 0; list && i < g_mime_param_list_length (list); i++) {
		GMimeParam *p = g_mime_param_list_get_parameter_at (list, i);
		char *name = g_ascii_strdown (g_mime_param_get_name (p), -1);
		w_str (w, name, g_mime_param_get_value (p));
		g_free (name);
	}
	w_close (w, '}');
}

/* The parser's warnings of the tree being written: {offset, code} pairs. */
typedef struct {
	gint64 offset;
	GMimeParserWarning code;
} warning;
static GArray *warnings;

/* GMime replaced the type: there is no Content-Type, or the parser warned that the one at this field's
 * offset is invalid (and assumed application/octet-stream). */
static gboolean type_defaulted (GMimeObject *object)
{
	GMimeHeader *h = find_header (object->headers, "Content-Type");
	guint i;

	if (!h)
		return TRUE;
	for (i = 0; i < warnings->len; i++) {
		warning *x = &g_array_index (warnings, warning, i);
		if (x->code == GMIME_WARN_INVALID_CONTENT_TYPE && x->offset == g_mime_header_get_offset (h))
			return TRUE;
	}
	return FALSE;
}

/* type, subtype, type_defaulted, params, disposition, filename. */
static void w_type (writer *w, GMimeObject *object)
{
	GMimeContentType *ct = g_mime_object_get_content_type (object);
	char *type = g_ascii_strdown (g_mime_content_type_get_media_type (ct), -1);
	char *subtype = g_ascii_strdown (g_mime_content_type_get_media_subtype (ct), -1);
	gboolean defaulted = type_defaulted (object);
	GMimeContentDisposition *disposition = g_mime_object_get_content_disposition (object);

	w_str (w, "type", type);
	w_str (w, "subtype", subtype);
	w_bool (w, "type_defaulted", defaulted);
	if (!defaulted)
		w_params (w, "params", g_mime_content_type_get_parameters (ct));
	if (disposition) {
		char *kind = g_ascii_strdown (g_mime_content_disposition_get_disposition (disposition), -1);
		w_key (w, "disposition");
		w_open (w, '{');
		w_str (w, "type", kind);
		w_params (w, "params", g_mime_content_disposition_get_parameters (disposition));
		w_close (w, '}');
		g_free (kind);
	}
	if (GMIME_IS_PART (object) && g_mime_part_get_filename ((GMimePart *) object))
		w_str (w, "filename", g_mime_part_get_filename ((GMimePart *) object));
	g_free (subtype);
	g_free (type);
}

/* id, description, language, location, md5, and encoding (not for multiparts). */
static void w_fields (writer *w, GMimeObject *object)
{
	const char *description = g_mime_object_get_header (object, "Content-Description");
	char *cte = raw_field (object, "Content-Transfer-Encoding");

	w_raw_field (w, "id", object, "Content-ID");
	if (description) {
		char *d = unfold_trim (description);
		w_str (w, "description", d);
		g_free (d);
	}
	w_raw_field (w, "language", object, "Content-Language");
	w_raw_field (w, "location", object, "Content-Location");
	w_raw_field (w, "md5", object, "Content-MD5");
	if (!GMIME_IS_MULTIPART (object)) {
		GMimeContentEncoding enc = GMIME_IS_PART (object) ?
			g_mime_part_get_content_encoding ((GMimePart *) object) : GMIME_CONTENT_ENCODING_DEFAULT;
		if (enc != GMIME_CONTENT_ENCODING_DEFAULT) {
			w_str (w, "encoding", g_mime_content_encoding_to_string (enc));
		} else {
			char *lower = g_ascii_strdown (cte ? cte : "7bit", -1);
			w_str (w, "encoding", lower);
			g_free (lower);
		}
	}
	g_free (cte);
}

static GByteArray *read_all (GMimeStream *stream)
{
	GByteArray *out = g_byte_array_new ();
	char buf[4096];
	ssize_t n;

	g_mime_stream_reset (stream);
	while ((n = g_mime_stream_read (stream, buf, sizeof buf)) > 0)
		g_byte_array_append (out, (const guint8 *) buf, (guint) n);
	g_mime_stream_reset (stream);
	return out;
}

/* header_octets, body_octets, body_lines, decoded_octets, decoded_sha256 of a leaf. */
static void w_leaf_body (writer *w, GMimePart *part, GMimeHeaderList *lead, gboolean text)
{
	GMimeDataWrapper *content = g_mime_part_get_content (part);
	GMimeStream *stream = content ? g_mime_data_wrapper_get_stream (content) : NULL;
	gint64 first = first_field_offset (((GMimeObject *) part)->headers, lead);
	GByteArray *body;
	guint i, lines = 0;

	if (!stream)
		return;
	if (first >= 0 && stream->bound_start >= first)
		w_int (w, "header_octets", stream->bound_start - first);
	body = read_all (stream);
	w_int (w, "body_octets", body->len);
	if (text) {
		for (i = 0; i < body->len; i++)
			lines += body->data[i] == '\n';
		lines += body->len > 0 && body->data[body->len - 1] != '\n';
		w_int (w, "body_lines", lines);
	}
	g_byte_array_unref (body);
	if (g_mime_part_get_content_encoding (part) != GMIME_CONTENT_ENCODING_DEFAULT ||
	    !find_header (((GMimeObject *) part)->headers, "Content-Transfer-Encoding")) {
		GMimeStream *mem = g_mime_stream_mem_new ();
		GByteArray *decoded = g_mime_stream_mem_get_byte_array ((GMimeStreamMem *) mem);
		char *hex;

		g_mime_data_wrapper_write_to_stream (content, mem);
		hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, decoded->data, decoded->len);
		w_int (w, "decoded_octets", decoded->len);
		w_str (w, "decoded_sha256", hex);
		g_free (hex);
		g_object_unref (mem);
	}
}

static void w_multipart_body (writer *w, GMimeMultipart *mp, const char *prefix)
{
	int i;

	w_bool (w, "closed", mp->write_end_boundary);
	w_key (w, "parts");
	w_open (w, '[');
	for (i = 0; i < g_mime_multipart_get_count (mp); i++) {
		char *section = child_section (prefix, i + 1);
		place at = { NULL, section, section };
		w_sep (w);
		w_part (w, g_mime_multipart_get_part (mp, i), at);
		g_free (section);
	}
	w_close (w, ']');
}

static void w_part (writer *w, GMimeObject *object, place at)
{
	GMimeContentType *ct = g_mime_object_get_content_type (object);
	gboolean text = !g_ascii_strcasecmp (g_mime_content_type_get_media_type (ct), "text");

	w_open (w, '{');
	w_str (w, "section", at.section);
	w_type (w, object);
	w_fields (w, object);
	if (GMIME_IS_MULTIPART (object)) {
		w_multipart_body (w, (GMimeMultipart *) object, at.prefix);
	} else if (GMIME_IS_MESSAGE_PART (object)) {
		GMimeMessage *inner = g_mime_message_part_get_message ((GMimeMessagePart *) object);
		if (inner) {
			w_key (w, "message");
			w_message (w, inner, at.section, NULL);
		}
	} else if (GMIME_IS_PART (object)) {
		w_leaf_body (w, (GMimePart *) object, at.lead, text);
	}
	w_close (w, '}');
}

/* ---- Messages ---------------------------------------------------------------------------------- */

static const struct { const char *key, *field; GMimeAddressType type; } address_fields[] = {
	{ "from", "From", GMIME_ADDRESS_TYPE_FROM }, { "sender", "Sender", GMIME_ADDRESS_TYPE_SENDER },
	{ "reply_to", "Reply-To", GMIME_ADDRESS_TYPE_REPLY_TO }, { "to", "To", GMIME_ADDRESS_TYPE_TO },
	{ "cc", "Cc", GMIME_ADDRESS_TYPE_CC }, { "bcc", "Bcc", GMIME_ADDRESS_TYPE_BCC },
};

/* header_octets of a message whose body is a leaf: its first field to the start of the body. */
static void w_message_header_octets (writer *w, GMimeMessage *message, GMimeObject *root)
{
	GMimeDataWrapper *content = GMIME_IS_PART (root) ? g_mime_part_get_content ((GMimePart *) root) : NULL;
	GMimeStream *stream = content ? g_mime_data_wrapper_get_stream (content) : NULL;
	gint64 first = first_field_offset (((GMimeObject *) message)->headers, root->headers);

	if (stream && first >= 0 && stream->bound_start >= first)
		w_int (w, "header_octets", stream->bound_start - first);
}

static void w_message (writer *w, GMimeMessage *message, const char *prefix, GPtrArray *defects)
{
	GMimeObject *object = (GMimeObject *) message;
	GMimeObject *root = g_mime_message_get_mime_part (message);
	guint i;

	w_open (w, '{');
	if (root)
		w_message_header_octets (w, message, root);
	if (find_header (object->headers, "Subject") && g_mime_message_get_subject (message)) {
		char *subject = unfold_trim (g_mime_message_get_subject (message));
		w_str (w, "subject", subject);
		g_free (subject);
	}
	w_raw_field (w, "date", object, "Date");
	w_raw_field (w, "message_id", object, "Message-ID");
	w_raw_field (w, "in_reply_to", object, "In-Reply-To");
	for (i = 0; i < G_N_ELEMENTS (address_fields); i++) {
		if (!find_header (object->headers, address_fields[i].field))
			continue;
		w_key (w, address_fields[i].key);
		w_address_list (w, g_mime_message_get_addresses (message, address_fields[i].type));
	}
	if (root) {
		char *own = GMIME_IS_MULTIPART (root) ? NULL : child_section (prefix, 1);
		place at = { object->headers, own, own ? own : prefix };
		w_key (w, "root");
		w_part (w, root, at);
		g_free (own);
	}
	if (defects && defects->len) {
		w_key (w, "defects");
		w_open (w, '[');
		for (i = 0; i < defects->len; i++) {
			w_sep (w);
			w_string (w, defects->pdata[i], -1);
		}
		w_close (w, ']');
	}
	w_close (w, '}');
}

/* ---- Files ------------------------------------------------------------------------------------- */

static void on_warning (gint64 offset, GMimeParserWarning code, const gchar *item, gpointer data)
{
	warning x = { offset, code };

	g_array_append_val (warnings, x);
	g_ptr_array_add ((GPtrArray *) data, g_strdup_printf ("warning %d at %" G_GINT64_FORMAT "%s%s", (int) code,
	                                                      offset, item ? ": " : "", item ? item : ""));
}

/* One tree for `path` (with "file" when `with_file`), as one line of JSON. */
static char *tree (const char *path, gboolean with_file)
{
	writer w = { g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (gboolean)) };
	GPtrArray *defects = g_ptr_array_new_with_free_func (g_free);
	GMimeParserOptions *options = g_mime_parser_options_new ();
	GError *error = NULL;
	gchar *data = NULL, *reader;
	gsize len = 0;

	g_array_set_size (warnings, 0);
	w_open (&w, '{');
	if (with_file)
		w_str (&w, "file", path);
	w_str (&w, "format", "mailspec-mime-1");
	reader = g_strdup_printf ("gmime %u.%u.%u", gmime_major_version, gmime_minor_version, gmime_micro_version);
	w_str (&w, "reader", reader);
	g_free (reader);
	if (!strcmp (path, "-")) {  /* the message on stdin */
		GString *in = g_string_new (NULL);
		char buf[65536];
		size_t n;
		while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
			g_string_append_len (in, buf, (gssize) n);
		len = in->len;
		data = g_string_free (in, FALSE);
	}
	if (!data && !g_file_get_contents (path, &data, &len, &error)) {
		w_str (&w, "error", error->message);
		g_error_free (error);
	} else {
		GMimeStream *stream = g_mime_stream_mem_new_with_buffer (data, len);
		GMimeParser *parser = g_mime_parser_new_with_stream (stream);
		GMimeMessage *message;

		g_mime_parser_options_set_warning_callback (options, on_warning, defects);
		g_mime_parser_set_persist_stream (parser, TRUE);
		w_int (&w, "octets", (gint64) len);
		message = g_mime_parser_construct_message (parser, options);
		if (message) {
			w_key (&w, "message");
			w_message (&w, message, "", defects);
			g_object_unref (message);
		} else {
			w_str (&w, "error", "g_mime_parser_construct_message found no message");
		}
		g_object_unref (parser);
		g_object_unref (stream);
	}
	w_close (&w, '}');
	g_free (data);
	g_mime_parser_options_free (options);
	g_ptr_array_unref (defects);
	g_array_unref (w.first);
	return g_string_free (w.s, FALSE);
}

int main (int argc, char **argv)
{
	if (argc > 2 || (argc == 2 && argv[1][0] == '-' && strcmp (argv[1], "--batch") != 0 && strcmp (argv[1], "-") != 0)) {
		fprintf (stderr, "usage: %s [FILE | - | --batch] (no FILE or -: the message on stdin; --batch: paths on stdin, one JSON tree per line out)\n", argv[0]);
		return 2;
	}
	g_mime_init ();
	warnings = g_array_new (FALSE, FALSE, sizeof (warning));
	if (argc == 2 && !strcmp (argv[1], "--batch")) {
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;

		while ((n = getline (&line, &cap, stdin)) > 0) {
			char *json;
			while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
				line[--n] = '\0';
			if (n == 0)
				continue;
			json = tree (line, TRUE);
			printf ("%s\n", json);
			fflush (stdout);
			g_free (json);
		}
		free (line);
	} else {
		char *json = tree (argc == 2 ? argv[1] : "-", FALSE);
		printf ("%s\n", json);
		g_free (json);
	}
	g_mime_shutdown ();
	return 0;
}
