/*
 * printf-style formatting (see format.h). One pass over the format: plain characters are
 * copied, each conversion is parsed into a struct spec and printed by print_integer,
 * print_string or print_char. Output goes through emit, which stores what fits and counts
 * everything, so the return value is the untruncated length.
 */
#include "kernel/format.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Where output goes: buf[0 .. size-1] keeps what fits; length counts every byte produced. */
struct output {
	char *buf;
	size_t size;
	size_t length;
};

/* One parsed conversion: flags, width, precision, length modifier and conversion character. */
struct spec {
	bool left;          /* '-' */
	bool zero;          /* '0' */
	bool alternate;     /* '#' */
	int width;          /* 0 when none */
	int precision;      /* -1 when none */
	int length;         /* LEN_* */
	char conversion;
};

enum { LEN_HH, LEN_H, LEN_INT, LEN_L, LEN_LL, LEN_Z };

/* Produce one byte: store it if it fits (leaving room for the NUL), count it either way. */
static void emit(struct output *out, char c)
{
	if (out->length + 1 < out->size)
		out->buf[out->length] = c;
	out->length++;
}

/* Produce n copies of c (n <= 0: none). */
static void emit_repeated(struct output *out, char c, int n)
{
	for (int i = 0; i < n; i++)
		emit(out, c);
}

/* Read a decimal number at *p (digits only), advancing *p past it. */
static int parse_decimal(const char **p)
{
	int n = 0;

	while (**p >= '0' && **p <= '9') {
		if (n < 100000000)
			n = n * 10 + (**p - '0');
		(*p)++;
	}
	return n;
}

/*
 * Parse the part of a conversion after '%' at *p into s, taking '*' widths and precisions from
 * ap; on return *p points after the conversion character.
 */
static void parse_spec(const char **p, struct spec *s, va_list *ap)
{
	*s = (struct spec){ .precision = -1, .length = LEN_INT };
	for (;; (*p)++) {
		if (**p == '-')
			s->left = true;
		else if (**p == '0')
			s->zero = true;
		else if (**p == '#')
			s->alternate = true;
		else
			break;
	}
	if (**p == '*') {
		(*p)++;
		s->width = va_arg(*ap, int);
		if (s->width < 0) {             /* a negative '*' width means '-' */
			s->left = true;
			s->width = s->width == INT32_MIN ? 0 : -s->width;
		}
	} else {
		s->width = parse_decimal(p);
	}
	if (**p == '.') {
		(*p)++;
		if (**p == '*') {
			(*p)++;
			s->precision = va_arg(*ap, int);
			if (s->precision < 0)   /* a negative '*' precision means none */
				s->precision = -1;
		} else {
			s->precision = parse_decimal(p);
		}
	}
	if (**p == 'h') {
		(*p)++;
		s->length = LEN_H;
		if (**p == 'h') {
			(*p)++;
			s->length = LEN_HH;
		}
	} else if (**p == 'l') {
		(*p)++;
		s->length = LEN_L;
		if (**p == 'l') {
			(*p)++;
			s->length = LEN_LL;
		}
	} else if (**p == 'z') {
		(*p)++;
		s->length = LEN_Z;
	}
	s->conversion = **p;
	if (**p != '\0')
		(*p)++;
}

/* Fetch a signed integer argument of the size the length modifier names. */
static int64_t signed_argument(const struct spec *s, va_list *ap)
{
	switch (s->length) {
	case LEN_HH: return (signed char)va_arg(*ap, int);
	case LEN_H:  return (short)va_arg(*ap, int);
	case LEN_L:  return va_arg(*ap, long);
	case LEN_LL: return va_arg(*ap, long long);
	case LEN_Z:  return (int64_t)va_arg(*ap, size_t);
	default:     return va_arg(*ap, int);
	}
}

/* Fetch an unsigned integer argument of the size the length modifier names. */
static uint64_t unsigned_argument(const struct spec *s, va_list *ap)
{
	switch (s->length) {
	case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:  return va_arg(*ap, unsigned long);
	case LEN_LL: return va_arg(*ap, unsigned long long);
	case LEN_Z:  return va_arg(*ap, size_t);
	default:     return va_arg(*ap, unsigned int);
	}
}

/*
 * Print magnitude in base 10 or 16, after sign and prefix, as the spec says:
 * [spaces] sign prefix [zeros] digits [spaces]. Zero padding fills the width only when there
 * is no precision and no '-'; a precision of 0 prints no digits for the value 0.
 */
static void print_integer(struct output *out, const struct spec *s, uint64_t magnitude,
			  const char *sign, const char *prefix, unsigned base, bool upper)
{
	const char *digit_chars = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[24];
	int n = 0;

	while (magnitude != 0) {
		digits[n++] = digit_chars[magnitude % base];
		magnitude /= base;
	}
	if (n == 0 && s->precision != 0)
		digits[n++] = '0';

	int zeros = s->precision > n ? s->precision - n : 0;
	int prefix_length = (int)(strlen(sign) + strlen(prefix));
	int padding = s->width - (prefix_length + zeros + n);
	if (padding > 0 && s->zero && !s->left && s->precision < 0) {
		zeros += padding;
		padding = 0;
	}

	if (!s->left)
		emit_repeated(out, ' ', padding);
	for (const char *c = sign; *c; c++)
		emit(out, *c);
	for (const char *c = prefix; *c; c++)
		emit(out, *c);
	emit_repeated(out, '0', zeros);
	while (n > 0)
		emit(out, digits[--n]);
	if (s->left)
		emit_repeated(out, ' ', padding);
}

/* Print a string, cut to the precision, padded to the width with spaces. */
static void print_string(struct output *out, const struct spec *s, const char *str)
{
	int n = 0;

	if (str == NULL)
		str = "(null)";
	while (str[n] != '\0' && (s->precision < 0 || n < s->precision))
		n++;
	if (!s->left)
		emit_repeated(out, ' ', s->width - n);
	for (int i = 0; i < n; i++)
		emit(out, str[i]);
	if (s->left)
		emit_repeated(out, ' ', s->width - n);
}

/* Print one character padded to the width with spaces. */
static void print_char(struct output *out, const struct spec *s, char c)
{
	if (!s->left)
		emit_repeated(out, ' ', s->width - 1);
	emit(out, c);
	if (s->left)
		emit_repeated(out, ' ', s->width - 1);
}

/* Print the conversion s, taking its argument from ap. start..end is its text in the format. */
static void print_conversion(struct output *out, const struct spec *s, va_list *ap,
			     const char *start, const char *end)
{
	switch (s->conversion) {
	case 'd':
	case 'i': {
		int64_t value = signed_argument(s, ap);
		uint64_t magnitude = value < 0 ? -(uint64_t)value : (uint64_t)value;
		print_integer(out, s, magnitude, value < 0 ? "-" : "", "", 10, false);
		break;
	}
	case 'u':
		print_integer(out, s, unsigned_argument(s, ap), "", "", 10, false);
		break;
	case 'x':
	case 'X': {
		uint64_t value = unsigned_argument(s, ap);
		bool upper = s->conversion == 'X';
		const char *prefix = s->alternate && value != 0 ? (upper ? "0X" : "0x") : "";
		print_integer(out, s, value, "", prefix, 16, upper);
		break;
	}
	case 'p':
		print_integer(out, s, (uintptr_t)va_arg(*ap, void *), "", "0x", 16, false);
		break;
	case 's':
		print_string(out, s, va_arg(*ap, const char *));
		break;
	case 'c':
		print_char(out, s, (char)va_arg(*ap, int));
		break;
	case '%':
		emit(out, '%');
		break;
	default:                /* unsupported: show it as written */
		for (const char *c = start; c < end; c++)
			emit(out, *c);
		break;
	}
}

/* See format.h. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct output out = { .buf = buf, .size = size, .length = 0 };
	va_list args;

	va_copy(args, ap);
	for (const char *p = fmt; *p != '\0';) {
		if (*p != '%') {
			emit(&out, *p++);
			continue;
		}
		const char *start = p++;
		struct spec s;
		parse_spec(&p, &s, &args);
		print_conversion(&out, &s, &args, start, p);
	}
	va_end(args);
	if (size > 0)
		buf[out.length < size ? out.length : size - 1] = '\0';
	return out.length > INT32_MAX ? INT32_MAX : (int)out.length;
}

/* See format.h. */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
