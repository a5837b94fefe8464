# Sourced by start.sh: exports infra/service-runtime.env (glibc malloc tunables, Node flags), as the image
# and the benches read it; what the environment already sets wins. A value may stand in double quotes.
while IFS='=' read -r name value; do
  if [[ $value =~ ^\"(.*)\"$ ]]; then value=${BASH_REMATCH[1]}; fi
  # `if`, not `&&`: a skipped last line must not leave the loop failed under set -e.
  if [[ $name =~ ^[A-Z_][A-Z0-9_]*$ && -z ${!name:-} ]]; then export "$name=$value"; fi
done <"$(dirname "${BASH_SOURCE[0]}")/../service-runtime.env"
