// seedrandom ships types for its index only. mdmsim imports the Alea generator's own file: the index also
// loads five other generators and node:crypto (for auto-seeding, which mdmsim never does).
declare module "seedrandom/lib/alea.js" {
  /** Alea seeded by a string; returns uniform numbers in [0, 1). */
  function alea(seed: string): () => number;
  export default alea;
}
