#!/usr/bin/env bash
# A one-node SLURM cluster on this machine, for the tests of `--executor slurm` (docs/CLUSTER.md).
#   scripts/slurm-local.sh up      install slurm-wlm and munge where missing, configure, start, wait for the node
#   scripts/slurm-local.sh down    stop the daemons
#   scripts/slurm-local.sh status  exit 0 when the node answers and is usable
# Needs root (it installs Debian packages and writes /etc/slurm). It only touches this machine's SLURM setup.
set -euo pipefail

conf_dir=/etc/slurm
state_dir=/var/spool/slurmctld
spool_dir=/var/spool/slurmd
log_dir=/var/log/slurm

need_root() {
  if [[ "$(id -u)" != 0 ]]; then
    echo "slurm-local: must run as root (installs packages and writes $conf_dir)" >&2
    exit 2
  fi
}

install_packages() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null \
      && command -v sbatch >/dev/null && command -v pgrep >/dev/null; then
    return
  fi
  echo "slurm-local: installing slurm-wlm, munge and procps" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq slurm-wlm munge procps >/dev/null
}

write_config() {
  local host cpus memory
  host="$(hostname -s)"
  cpus="$(nproc)"
  # slurmd refuses a node that claims more memory than it has; leave a margin for the OS.
  memory="$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)"
  mkdir -p "$conf_dir" "$state_dir" "$spool_dir" "$log_dir"
  cat >"$conf_dir/slurm.conf" <<CONF
# Written by scripts/slurm-local.sh: one node, this machine, for tests.
ClusterName=icl4j-local
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state_dir
SlurmdSpoolDir=$spool_dir
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=$log_dir/slurmctld.log
SlurmdLogFile=$log_dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
}

start_munge() {
  if pgrep -x munged >/dev/null; then return; fi
  if [[ ! -s /etc/munge/munge.key ]]; then
    mkdir -p /etc/munge
    dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
  fi
  mkdir -p /run/munge /var/lib/munge /var/log/munge
  chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
  chmod 0700 /etc/munge /var/lib/munge /var/log/munge
  chmod 0400 /etc/munge/munge.key
  chmod 0755 /run/munge
  if id munge >/dev/null 2>&1; then
    su -s /bin/sh munge -c /usr/sbin/munged 2>/dev/null || /usr/sbin/munged --force
  else
    /usr/sbin/munged --force
  fi
}

up() {
  need_root
  install_packages
  write_config
  start_munge
  pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld
  pgrep -x slurmd >/dev/null || /usr/sbin/slurmd
  local host
  host="$(hostname -s)"
  for _ in $(seq 1 60); do
    local state
    state="$(sinfo -h -n "$host" -o '%t' 2>/dev/null | head -1 || true)"
    case "$state" in
      idle|mix|alloc) echo "slurm-local: node $host is $state"; return 0 ;;
      down*|drain*) scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true ;;
    esac
    sleep 1
  done
  echo "slurm-local: the node did not come up within 60 s; see $log_dir/slurmctld.log and $log_dir/slurmd.log" >&2
  exit 1
}

down() {
  pkill -x slurmd 2>/dev/null || true
  pkill -x slurmctld 2>/dev/null || true
  for _ in $(seq 1 20); do
    pgrep -x slurmd >/dev/null || pgrep -x slurmctld >/dev/null || break
    sleep 0.5
  done
  echo "slurm-local: stopped"
}

status() {
  local state
  state="$(sinfo -h -n "$(hostname -s)" -o '%t' 2>/dev/null | head -1 || true)"
  [[ "$state" == idle || "$state" == mix || "$state" == alloc ]]
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: scripts/slurm-local.sh up|down|status" >&2; exit 2 ;;
esac
