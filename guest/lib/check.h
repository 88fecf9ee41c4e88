/*
 * Checks a guest program makes. A failed check prints "guest: FAIL <what>" and is counted;
 * check_status() turns the count into the exit status. Success lines are the caller's to print,
 * from the values it actually read, so only a working path can print them.
 */
#ifndef GUEST_CHECK_H
#define GUEST_CHECK_H

/* Returns cond, so the caller can print its success line: if (check(...)) printf(...). */
int check(int cond, const char *what);

/* A failure described printf-style: prints "guest: FAIL " and the message, counts it. */
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

unsigned check_failures(void);

/* Print "guest: all checks passed" or "guest: N checks failed"; return the exit status. */
int check_status(void);

#endif
