# Sourced by start.sh: export_missing_from FILE exports FILE's KEY=value lines (a value may stand in double
# quotes), except where the environment already sets the name: what the environment sets wins. Used for the
# machine's secrets and for infra/service-runtime.env, which the image and the benches read too.
export_missing_from() {
  local name value
  while IFS='=' read -r name value; do
    if [[ $value =~ ^\"(.*)\"$ ]]; then value=${BASH_REMATCH[1]}; fi
    # `if`, not `&&`: a skipped last line must not leave the loop failed under set -e.
    if [[ $name =~ ^[A-Z_][A-Z0-9_]*$ && -z ${!name:-} ]]; then export "$name=$value"; fi
  done <"$1"
}
