// Pins fast-check's seed: FC_SEED from the environment, else a fixed default, printed on failure by fast-check.
import fc from "fast-check";

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20261126;
fc.configureGlobal({ seed, numRuns: Number(process.env.FC_RUNS ?? 100) });
