# The .c -> .cell rule for make users (configs/, jh-plan output, tests):
#	include $(TOP)/scripts/config.mk
#	build/x.cell: x.c $(JH_CONFIG_DEPS)
#		$(call jh_config_compile,$<,$@)
# It runs scripts/config-compile.sh, the one implementation of the rule.
JH_CONFIG_COMPILE := $(TOP)/scripts/config-compile.sh
JH_CONFIG_DEPS := $(JH_CONFIG_COMPILE) $(wildcard $(TOP)/include/jh/*.h)
jh_config_compile = $(JH_CONFIG_COMPILE) $(1) $(2)
