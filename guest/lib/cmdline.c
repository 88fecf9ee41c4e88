/* Command-line parsing; see cmdline.h. */
#include "cmdline.h"

const char *cmdline_of(const struct multiboot_info *info)
{
	if (!(info->flags & MULTIBOOT_INFO_CMDLINE) || !info->cmdline)
		return "";
	return (const char *)info->cmdline;
}

/* Where the value of key starts (just past "key="), or 0 when key is absent. */
static const char *find_value(const char *s, const char *key)
{
	while (*s) {
		while (*s == ' ')
			s++;
		const char *k = key;
		const char *w = s;
		while (*k && *w == *k)
			k++, w++;
		if (!*k && *w == '=')
			return w + 1;
		while (*s && *s != ' ')
			s++;
	}
	return 0;
}

int cmdline_word(const char *cmdline, const char *key, char *buf, uint32_t size)
{
	const char *v = find_value(cmdline, key);
	if (!v || size == 0)
		return 0;
	uint32_t n = 0;
	while (v[n] && v[n] != ' ' && n + 1 < size) {
		buf[n] = v[n];
		n++;
	}
	buf[n] = '\0';
	return 1;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

int cmdline_u32(const char *cmdline, const char *key, uint32_t *value)
{
	const char *v = find_value(cmdline, key);
	if (!v)
		return 0;
	uint32_t base = 10, n = 0;
	if (v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
		base = 16;
		v += 2;
	}
	const char *start = v;
	for (; *v && *v != ' '; v++) {
		int d = digit_value(*v);
		if (d >= (int)base)
			return 0;
		n = n * base + (uint32_t)d;
	}
	if (v == start)
		return 0;
	*value = n;
	return 1;
}
