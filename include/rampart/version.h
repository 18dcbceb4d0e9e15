/* SPDX-License-Identifier: BSD-2-Clause */
/* Rampart's version, for every tool's --version (the scripts read this
 * line too). Only a #define. */
#ifndef RAMPART_VERSION_H
#define RAMPART_VERSION_H

#define RAMPART_VERSION "0.1"

#endif
