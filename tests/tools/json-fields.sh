#!/bin/sh
# json-fields.sh SCHEMA FILE [WHEN...]: checks a jh --json output against
# its table in docs/json.md (the section whose title names SCHEMA, e.g.
# jh-info/1). Every field of FILE must be documented with its type; every
# documented field whose "when" is "always" or one of WHEN (enabled, -i)
# must be there (a field under an array only when the array has
# elements). Prints what differs, one line each; exit 0 if nothing does,
# 1 if something does, 2 on bad input (no such schema, not JSON).
DOC=${JH_JSON_DOC:-$(dirname "$0")/../../docs/json.md}
schema=$1 file=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the documented rows: "path type when"
awk -v s="\`$schema\`" '
	/^## / { on = index($0, s) > 0; next }
	on && /^\| `/ {
		n = split($0, c, "|")
		gsub(/[` ]/, "", c[2]); gsub(/ /, "", c[3]); gsub(/ /, "", c[4])
		print c[2], c[3], c[4]
	}' "$DOC" >"$tmp/doc"
if [ ! -s "$tmp/doc" ]; then
	echo "json-fields: no table for $schema in $DOC" >&2
	exit 2
fi
# the output's fields: "path type", array indexes as [], the members of
# objects documented with * as *
stars=$(awk '$1 ~ /\*/ { sub(/\.\*.*/, "", $1); print $1 }' "$tmp/doc" | sort -u | tr '\n' ' ')
if ! jq -r --arg stars "$stars" '
	($stars | split(" ") | map(select(. != ""))) as $s |
	paths as $p | getpath($p) as $v |
	(reduce $p[] as $k (""; if ($k | type) == "number" then . + "[]"
		elif (. as $pre | $s | index($pre)) then . + ".*"
		elif . == "" then $k else . + "." + $k end)) as $path |
	"\($path) \($v | type)"' "$file" >"$tmp/paths" 2>"$tmp/err"; then
	echo "json-fields: $file: not valid JSON: $(head -c 200 "$tmp/err")" >&2
	exit 2
fi
sort -u "$tmp/paths" >"$tmp/out"
awk -v file="$file" -v schema="$schema" -v conds=" always $* " '
	# parent(p): the array or * object p is under ("" if none)
	function parent(p,   i) {
		for (i = length(p); i > 0; i--)
			if (substr(p, i, 2) == "[]" || substr(p, i, 2) == ".*")
				return substr(p, 1, i - 1)
		return ""
	}
	FNR == NR { type[$1] = $2 == "double" ? "number" : $2; when[$1] = $3
		    order[++n] = $1; next }
	{ have[$1] = $2; if ($2 != "null") nonempty[parent($1)] = 1 }
	END {
		for (p in have) {
			if (!(p in type)) {
				print file ": " p " is not in docs/json.md (" schema ")"; bad = 1
			} else if (type[p] != have[p]) {
				print file ": " p " is a " have[p] ", docs/json.md says " type[p]; bad = 1
			}
		}
		for (i = 1; i <= n; i++) {
			p = order[i]
			if (p in have || index(conds, " " when[p] " ") == 0)
				continue
			if (parent(p) != "" && !(parent(p) in nonempty))
				continue	# an empty array or object: nothing to miss
			print file ": " p " (" when[p] ") is missing"; bad = 1
		}
		exit bad
	}' "$tmp/doc" "$tmp/out"
