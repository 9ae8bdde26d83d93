#!/usr/bin/env bash
# Spark's GPU discovery script for g2lstm (spark.executor.resource.gpu.discoveryScript, and the driver's): prints the
# GPUs this machine or container can see, by nvidia-smi index, as {"name": "gpu", "addresses": ["0","1",...]}.
# nvidia-smi numbers GPUs without regard to CUDA_VISIBLE_DEVICES; g2lstm's GpuBindingPlugin maps the indices through
# that variable where it is set. If nvidia-smi fails, so does this script, passing on what nvidia-smi said.
set -euo pipefail

if ! indices="$(nvidia-smi --query-gpu=index --format=csv,noheader 2>&1)"; then
  echo "getGpusResources.sh: nvidia-smi failed: $indices" >&2
  exit 1
fi
addresses="$(printf '%s\n' "$indices" | awk 'NF { printf "%s\"%s\"", sep, $1; sep = "," }')"
echo "{\"name\": \"gpu\", \"addresses\": [$addresses]}"
