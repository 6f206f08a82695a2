// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Host unit tests (cmocka) of the inmate library's pure parts: the
 * command-line parser and the latency histogram with its percentiles.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <inmate/cmdline.h>
#include <inmate/histogram.h>
#include <inmate/errno.h>

static uint64_t ticks, port;
static bool lock_flag, verbose;
static char mode[8];
static char err[320];

static const struct cmdline_param app_params[] = {
	CMDLINE_U64_PARAM("ticks", ticks, "ticks to run"),
	CMDLINE_BOOL_PARAM("lock", lock_flag, "refuse shutdown"),
	CMDLINE_STR_PARAM("idle", mode, "poll or hlt"),
	CMDLINE_END
};

static const struct cmdline_param lib_params[] = {
	CMDLINE_U64_PARAM("port", port, "UART port"),
	CMDLINE_BOOL_PARAM("verbose", verbose, "more output"),
	CMDLINE_END
};

static const struct cmdline_param *const tables[] = { lib_params, app_params, NULL };

static int reset_values(void **state)
{
	(void)state;
	ticks = 7;
	port = 0;
	lock_flag = false;
	verbose = true;
	strcpy(mode, "poll");
	memset(err, 'x', sizeof(err));
	return 0;
}

static void parse_u64_accepts_decimal_and_hex(void **state)
{
	uint64_t v;

	(void)state;
	assert_true(cmdline_parse_u64("1000", 4, &v));
	assert_int_equal(v, 1000);
	assert_true(cmdline_parse_u64("0x3F8", 5, &v));
	assert_int_equal(v, 0x3f8);
	assert_true(cmdline_parse_u64("18446744073709551615", 20, &v));
	assert_true(v == UINT64_MAX);
	assert_true(cmdline_parse_u64("0", 1, &v));
	assert_int_equal(v, 0);
}

static void parse_u64_rejects_garbage_and_overflow(void **state)
{
	uint64_t v = 42;

	(void)state;
	assert_false(cmdline_parse_u64("", 0, &v));
	assert_false(cmdline_parse_u64("0x", 2, &v));
	assert_false(cmdline_parse_u64("12a", 3, &v));
	assert_false(cmdline_parse_u64("-1", 2, &v));
	assert_false(cmdline_parse_u64("18446744073709551616", 20, &v));
	assert_false(cmdline_parse_u64("0x10000000000000000", 19, &v));
	assert_int_equal(v, 42);
}

static void str_equal_wants_the_whole_string(void **state)
{
	(void)state;
	assert_true(str_equal("cap", "cap"));
	assert_true(str_equal("", ""));
	assert_false(str_equal("cap", "capreg"));
	assert_false(str_equal("capreg", "cap"));
	assert_false(str_equal("cap", "pin"));
	assert_false(str_equal("", "none"));
}

static void parses_values_from_all_tables(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse("  ticks=200\tport=0x2f8 lock idle=hlt verbose=off\n",
				       tables, err, sizeof(err)), 0);
	assert_int_equal(ticks, 200);
	assert_int_equal(port, 0x2f8);
	assert_true(lock_flag);
	assert_false(verbose);
	assert_string_equal(mode, "hlt");
	assert_string_equal(err, "");
}

static void empty_line_changes_nothing(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse("", tables, err, sizeof(err)), 0);
	assert_int_equal(cmdline_parse(" \t ", tables, err, sizeof(err)), 0);
	assert_int_equal(ticks, 7);
	assert_string_equal(mode, "poll");
}

static void unknown_parameter_is_named_with_the_known_ones(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse("ticks=5 tick=9", tables, err, sizeof(err)), -EINVAL);
	assert_int_equal(ticks, 5);
	assert_non_null(strstr(err, "unknown parameter 'tick'"));
	assert_non_null(strstr(err, "known: port verbose ticks lock idle"));
}

static void bad_number_names_field_and_fix(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse("ticks=abc", tables, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "ticks=abc: not a number"));
	assert_non_null(strstr(err, "e.g. ticks=100"));
	assert_int_equal(ticks, 7);
	assert_int_equal(cmdline_parse("ticks", tables, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "not a number"));
}

static void bad_bool_and_long_string_are_refused(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse("lock=maybe", tables, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "lock=maybe: not a yes/no value"));
	assert_int_equal(cmdline_parse("idle=verylongword", tables, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "too long; give at most 7 characters"));
	assert_string_equal(mode, "poll");
	assert_int_equal(cmdline_parse("idle", tables, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "needs a value"));
}

static void value_without_name_is_refused(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse("=5", tables, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "'=5': a value without a name"));
}

static void error_message_is_truncated_safely(void **state)
{
	char small[16];

	(void)state;
	assert_int_equal(cmdline_parse("nosuchparameter", tables, small, sizeof(small)),
			 -EINVAL);
	assert_int_equal(strlen(small), sizeof(small) - 1);
}

static void skip_word_drops_the_image_name(void **state)
{
	(void)state;
	assert_string_equal(cmdline_skip_word("apic-demo.bin ticks=1"), " ticks=1");
	assert_string_equal(cmdline_skip_word("  image"), "");
	assert_string_equal(cmdline_skip_word(""), "");
}

static void buckets_tile_the_value_range(void **state)
{
	unsigned int b;
	uint64_t v;

	(void)state;
	assert_int_equal(hist_bucket_low(0), 0);
	for (b = 0; b + 1 < HIST_BUCKETS; b++) {
		assert_true(hist_bucket_low(b) <= hist_bucket_high(b));
		assert_true(hist_bucket_high(b) + 1 == hist_bucket_low(b + 1));
	}
	assert_true(hist_bucket_high(HIST_BUCKETS - 1) == UINT64_MAX);
	for (v = 0; v < 5000; v++) {
		b = hist_bucket_of(v);
		assert_true(hist_bucket_low(b) <= v && v <= hist_bucket_high(b));
	}
	assert_int_equal(hist_bucket_of(UINT64_MAX), HIST_BUCKETS - 1);
	/* relative bucket width stays within 1/16 */
	for (b = HIST_SUB_BUCKETS; b < HIST_BUCKETS; b++)
		assert_true((hist_bucket_high(b) - hist_bucket_low(b)) / 16 * 16 <=
			    hist_bucket_low(b));
}

static void empty_histogram_reports_zero(void **state)
{
	struct histogram h;

	(void)state;
	hist_init(&h);
	assert_int_equal(hist_percentile(&h, 500), 0);
	assert_int_equal(hist_mean(&h), 0);
	assert_int_equal(h.count, 0);
}

static void constant_samples_give_exact_percentiles(void **state)
{
	struct histogram h;
	int i;

	(void)state;
	hist_init(&h);
	for (i = 0; i < 200; i++)
		hist_add(&h, 34);
	assert_int_equal(hist_percentile(&h, 500), 34);
	assert_int_equal(hist_percentile(&h, 990), 34);
	assert_int_equal(h.max, 34);
	assert_int_equal(h.min, 34);
	assert_int_equal(hist_mean(&h), 34);
	assert_int_equal(hist_octave_count(&h, 5), 200);
}

static void percentiles_of_a_uniform_spread(void **state)
{
	uint64_t p50, p99, total = 0;
	struct histogram h;
	unsigned int o;
	int i;

	(void)state;
	hist_init(&h);
	for (i = 1; i <= 1000; i++)
		hist_add(&h, i * 10);
	p50 = hist_percentile(&h, 500);
	p99 = hist_percentile(&h, 990);
	/* within one bucket (6.25%) above the true values 5000 and 9900 */
	assert_true(p50 >= 5000 && p50 <= 5000 + 5000 / 16 + 1);
	assert_true(p99 >= 9900 && p99 <= 10000);
	assert_true(h.max >= p99 && p99 >= p50 && p50 > 0);
	assert_int_equal(hist_percentile(&h, 1000), 10000);
	assert_int_equal(hist_percentile(&h, 0), 10);
	assert_int_equal(hist_mean(&h), 5005);
	for (o = 0; o < 64; o++)
		total += hist_octave_count(&h, o);
	assert_int_equal(total, 1000);
}

static void one_outlier_shows_only_in_the_tail(void **state)
{
	struct histogram h;
	int i;

	(void)state;
	hist_init(&h);
	for (i = 0; i < 999; i++)
		hist_add(&h, 100);
	hist_add(&h, 1000000);
	assert_true(hist_percentile(&h, 500) <= 103);
	assert_true(hist_percentile(&h, 990) <= 103);
	assert_int_equal(hist_percentile(&h, 1000), 1000000);
	assert_int_equal(h.max, 1000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(parse_u64_accepts_decimal_and_hex, reset_values),
		cmocka_unit_test_setup(parse_u64_rejects_garbage_and_overflow, reset_values),
		cmocka_unit_test(str_equal_wants_the_whole_string),
		cmocka_unit_test_setup(parses_values_from_all_tables, reset_values),
		cmocka_unit_test_setup(empty_line_changes_nothing, reset_values),
		cmocka_unit_test_setup(unknown_parameter_is_named_with_the_known_ones,
				       reset_values),
		cmocka_unit_test_setup(bad_number_names_field_and_fix, reset_values),
		cmocka_unit_test_setup(bad_bool_and_long_string_are_refused, reset_values),
		cmocka_unit_test_setup(value_without_name_is_refused, reset_values),
		cmocka_unit_test_setup(error_message_is_truncated_safely, reset_values),
		cmocka_unit_test(skip_word_drops_the_image_name),
		cmocka_unit_test(buckets_tile_the_value_range),
		cmocka_unit_test(empty_histogram_reports_zero),
		cmocka_unit_test(constant_samples_give_exact_percentiles),
		cmocka_unit_test(percentiles_of_a_uniform_spread),
		cmocka_unit_test(one_outlier_shows_only_in_the_tail),
	};

	return cmocka_run_group_tests_name("inmates", tests, NULL, NULL);
}
