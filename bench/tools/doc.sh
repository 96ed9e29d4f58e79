# Sourced by the benchmarks that write a document under docs/benchmarks/.

# bench_write_doc DOC GENERATED: DOC becomes GENERATED followed by DOC's hand-written part (from its
# "## Reading it" heading on), so a run replaces the figures and keeps the analysis.
bench_write_doc() {
  local doc=$1 generated=$2 tmp; tmp=$(mktemp)
  cat "$generated" > "$tmp"
  if [ -f "$doc" ] && grep -q '^## Reading it' "$doc"; then echo >> "$tmp"; sed -n '/^## Reading it/,$p' "$doc" >> "$tmp"; fi
  mv "$tmp" "$doc"
}
