/* The guest's printf; see printf.h. */
#include <stdint.h>
#include "printf.h"
#include "uart.h"

/* n / 10, leaving n % 10 in *rem, with 32-bit divisions only (long division by 16-bit digits:
 * each partial dividend is below 10 << 16, so it fits in 32 bits). */
static uint64_t divmod10(uint64_t n, unsigned *rem)
{
	uint32_t hi = (uint32_t)(n >> 32), lo = (uint32_t)n;
	uint32_t q_hi = hi / 10, r = hi % 10;
	uint32_t part = (r << 16) | (lo >> 16);
	uint32_t q_mid = part / 10;
	part = ((part % 10) << 16) | (lo & 0xFFFF);
	uint32_t q_lo = part / 10;
	*rem = part % 10;
	return ((uint64_t)q_hi << 32) | (q_mid << 16) | q_lo;
}

/* Print an unsigned number in base 10 or 16, right-aligned in width with pad. */
static void put_unsigned(uint64_t n, unsigned base, int upper, int width, char pad)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int len = 0;

	do {
		unsigned d;
		if (base == 16) {
			d = (unsigned)(n & 0xF);
			n >>= 4;
		} else {
			n = divmod10(n, &d);
		}
		buf[len++] = digits[d];
	} while (n);
	for (int i = len; i < width; i++)
		uart_putc(pad);
	while (len)
		uart_putc(buf[--len]);
}

void vprintf(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			uart_putc(*fmt);
			continue;
		}
		fmt++;
		char pad = ' ';
		int width = 0, longs = 0;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l') {
			longs++;
			fmt++;
		}
		uint64_t u;
		switch (*fmt) {
		case 'c':
			uart_putc((char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			uart_puts(s ? s : "(null)");
			break;
		}
		case 'd': {
			int64_t v = longs >= 2 ? va_arg(ap, int64_t) : va_arg(ap, int32_t);
			if (v < 0) {
				uart_putc('-');
				u = -(uint64_t)v;
				width = width ? width - 1 : 0;
			} else {
				u = (uint64_t)v;
			}
			put_unsigned(u, 10, 0, width, pad);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
			u = longs >= 2 ? va_arg(ap, uint64_t) : va_arg(ap, uint32_t);
			put_unsigned(u, *fmt == 'u' ? 10 : 16, *fmt == 'X', width, pad);
			break;
		case 'p':
			uart_puts("0x");
			put_unsigned((uint32_t)va_arg(ap, void *), 16, 0, 8, '0');
			break;
		case '%':
			uart_putc('%');
			break;
		case '\0':
			return;
		default: /* unknown conversion: show it rather than guess */
			uart_putc('%');
			uart_putc(*fmt);
			break;
		}
	}
}

void printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}
