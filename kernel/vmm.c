#include "kernel/vmm.h"
#include "kernel/log.h"

enum stop_status vmm_run(const struct mb2_info *info, const struct cmdline_options *options)
{
	(void)info; (void)options;
	log_error("vmx: VMX not supported by this CPU (placeholder)");
	return STOP_FAILURE;
}
