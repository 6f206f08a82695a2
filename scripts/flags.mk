# Compiler settings shared by every user-space and freestanding part.
# Included by the sub-directory Makefiles; TOP is the project root.
TOP ?= $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
CC ?= gcc
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS_USER := -O2 -g -std=gnu11 $(WARN) -I$(TOP)/include -I$(TOP)/common
# freestanding parts (hypervisor, inmates): no libc, no red zone, no SSE
CFLAGS_FREE := -O2 -g -std=gnu11 $(WARN) -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) -I$(TOP)/include \
	-I$(TOP)/common -fno-stack-protector -fno-pic -fno-pie -mno-red-zone \
	-mno-sse -mno-mmx -mno-sse2 -mno-avx -mcmodel=kernel -fno-common \
	-fno-asynchronous-unwind-tables -fcf-protection=none
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
# the release (VERSION at the top), printed by every tool's --version
JH_VERSION := $(shell cat $(TOP)/VERSION 2>/dev/null || echo unknown)
CFLAGS_USER += -DJH_VERSION='"$(JH_VERSION)"'
