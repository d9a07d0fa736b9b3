# The fake pulumi's client of the fake engine server (engine-server.mjs), run by bin/pulumi as
# `bash engine-client.bash <host:port> <pulumi args…>`: it sends the call, then prints the answer's stdout and
# stderr and exits with its code. bash, for its /dev/tcp redirections; if the server cannot be reached, the call
# runs in a node process of its own instead.
addr=$1; shift
here=${BASH_SOURCE[0]%/*}
if ! { exec 3<>"/dev/tcp/${addr%:*}/${addr##*:}"; } 2>/dev/null; then
  unset NODE_OPTIONS
  exec node "$here/fake-pulumi.mjs" "$@"
fi
vars=()
for name in ${!FAKE_PULUMI_*} ${!PULUMI_*}; do  # prefix expansion: no subshell
  vars+=("$name=${!name}")
done
printf '%s\0' "$PWD" "$#" "$@" "${#vars[@]}" "${vars[@]}" >&3
IFS= read -r -d '' code <&3
IFS= read -r -d '' out <&3
IFS= read -r -d '' err <&3
exec 3<&-
[ -n "$out" ] && printf '%s' "$out"
[ -n "$err" ] && printf '%s' "$err" >&2
case $code in
  ''|*[!0-9]*) echo "fake pulumi: the fake engine server did not answer" >&2; exit 1 ;;
esac
exit "$code"
