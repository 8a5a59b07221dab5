/** quarterOf names the quarter a day falls in ("2026-Q3"). */
export function quarterOf(d: Date): string {
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** recentQuarters lists the current quarter and the n − 1 before it, latest first. */
export function recentQuarters(today: Date, n: number): string[] {
  const out: string[] = [];
  let y = today.getUTCFullYear();
  let q = Math.floor(today.getUTCMonth() / 3) + 1;
  for (let i = 0; i < n; i++) {
    out.push(`${y}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}

/** describeQuarter names a quarter in words ("July to September 2026"). */
export function describeQuarter(q: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(q);
  if (!m) return q;
  const names = ['January to March', 'April to June', 'July to September', 'October to December'];
  return `${names[Number(m[2]) - 1]} ${m[1]}`;
}
