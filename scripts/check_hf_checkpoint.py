#!/usr/bin/env python3
"""Check that an LRPO Studio checkpoint folder loads in Hugging Face transformers and gives the
same logits (and loss) as the studio's engine.

Usage:
    node bin/lrpo-studio.mjs engine forward --checkpoint DIR --tokens TOKENS.json --out OUT.safetensors
    python scripts/check_hf_checkpoint.py DIR TOKENS.json OUT.safetensors [--atol 1e-4]

Needs torch, transformers and safetensors (pip install torch transformers safetensors).

It cannot run in the studio's own CI (no PyTorch there). Layout equivalence with Hugging Face is
proven there instead by the engine's unit tests against ../shared/fixtures/gpt2-tiny, a reference
made with transformers.GPT2LMHeadModel: the CPU model loads that folder (HF tensor names and
layouts) and reproduces its logits, loss and every gradient. This script closes the loop in the
other direction, on a machine with PyTorch: a folder written by `engine init` (or saved by the
studio) must load with GPT2LMHeadModel.from_pretrained and give the engine's logits.
Exit code 0 when everything matches, 1 otherwise.
"""
import argparse
import json
import sys

import torch
from safetensors.torch import load_file
from transformers import GPT2LMHeadModel


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint", help="checkpoint folder (config.json + model.safetensors)")
    ap.add_argument("tokens", help='JSON file {"input_ids": [[...], ...]} used for `engine forward`')
    ap.add_argument("engine_out", help="OUT.safetensors written by `engine forward`")
    ap.add_argument("--atol", type=float, default=1e-4, help="max |logit difference| relative to max |logit|")
    args = ap.parse_args()

    model = GPT2LMHeadModel.from_pretrained(args.checkpoint)  # config.json says float32
    model.eval()
    with open(args.tokens, encoding="utf-8") as f:
        ids = torch.tensor(json.load(f)["input_ids"], dtype=torch.long)
    ours = load_file(args.engine_out)

    with torch.no_grad():
        out = model(input_ids=ids, labels=ids)
    ref = out.logits.float()
    mine = ours["logits"].float()
    if tuple(mine.shape) != tuple(ref.shape):
        print(f"logits shape differs: engine {tuple(mine.shape)} vs transformers {tuple(ref.shape)}")
        return 1
    scale = ref.abs().max().item()
    err = (mine - ref).abs().max().item() / scale
    # transformers' loss with labels=ids is the mean next-token cross-entropy over positions 0..T-2
    loss_err = abs(ours["loss"].item() - out.loss.item()) / max(abs(out.loss.item()), 1e-12)
    print(f"logits: max |diff| / max |logit| = {err:.3e} (tolerance {args.atol:g})")
    print(f"loss: engine {ours['loss'].item():.6f}  transformers {out.loss.item():.6f}  rel diff {loss_err:.3e}")
    ok = err <= args.atol and loss_err <= args.atol
    print("OK: the checkpoint loads in transformers and matches the engine" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
