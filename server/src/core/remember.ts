/**
 * What `compute` gives for `key`, kept in `map` on first use. A map that holds `limit` entries is emptied first: what
 * a draft or dataset repeats (a surname, a percent, a term's spelling) is worked out once, and the map still never
 * grows with whatever text it is given. `compute` never gives undefined.
 */
export function rememberIn<K, V>(map: Map<K, V>, key: K, limit: number, compute: (key: K) => V): V {
  const known = map.get(key);
  if (known !== undefined) return known;
  const value = compute(key);
  if (map.size >= limit) map.clear();
  map.set(key, value);
  return value;
}
