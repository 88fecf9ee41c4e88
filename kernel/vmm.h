/* Running the guest: from a booted kernel to a guest at work, and the report when it ends. */
#ifndef KERNEL_VMM_H
#define KERNEL_VMM_H

#include "kernel/cmdline.h"
#include "kernel/multiboot2.h"
#include "kernel/stop.h"

enum stop_status vmm_run(const struct mb2_info *info, const struct cmdline_options *options);

#endif
