/** Every subject of a suite, in table order: ours, our variants, the peers, the baselines. */
export function subjectsOf(suite) {
  return [suite.ours, ...(suite.variants ?? []), ...suite.peers, ...(suite.baselines ?? [])];
}
