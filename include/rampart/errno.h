/* SPDX-License-Identifier: BSD-2-Clause */
/* The monitor's one error vocabulary: 0 or a negative RAMPART_E*. */
#ifndef RAMPART_ERRNO_H
#define RAMPART_ERRNO_H

#define RAMPART_OK 0
#define RAMPART_EINVAL 1	/* malformed input from firmware or kernel */
#define RAMPART_EFAULT 2	/* address outside what the caller may reach */
#define RAMPART_ENOSPC 3	/* no room left (device tree, log) */
#define RAMPART_ENOENT 4	/* no such item */
#define RAMPART_EPERM 5		/* denied by policy */
#define RAMPART_ETIMEDOUT 6	/* a device did not answer in time */

/* A refusal that says why: *@why = @what (unless @why is NULL), then @rc. */
static inline int rampart_fail(const char **why, int rc, const char *what)
{
	if (why)
		*why = what;
	return rc;
}

#endif
