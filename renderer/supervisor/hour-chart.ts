/** `hourChart`: the day's 24 hourly counts as a plain SVG bar chart (no chart library), each bar labelled with its count. */
const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

export function hourChart(byHour: readonly number[], label: string): SVGSVGElement {
  const W = 960,
    H = 180,
    top = 24,
    bottom = 28,
    left = 8,
    gap = 6;
  const slot = (W - left * 2) / 24;
  const max = Math.max(1, ...byHour);
  const plot = H - top - bottom;
  const svg = el('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'hour-chart',
    role: 'img',
    'aria-label': label,
    'data-testid': 'report-hours',
  });
  svg.append(el('line', { x1: left, x2: W - left, y1: top + plot, y2: top + plot, class: 'axis' }));
  byHour.forEach((n, hour) => {
    const x = left + hour * slot + gap / 2;
    const hgt = n === 0 ? 0 : Math.max(2, (n / max) * plot);
    const g = el('g', { class: 'hour', 'data-testid': 'report-hour', 'data-hour': hour, 'data-count': n });
    g.append(
      el('title', {}, `${String(hour).padStart(2, '0')}:00–${String(hour).padStart(2, '0')}:59 · ${n}`),
    );
    g.append(
      el('rect', { x, y: top + plot - hgt, width: slot - gap, height: hgt, class: n ? 'bar' : 'bar empty' }),
    );
    if (n)
      g.append(
        el(
          'text',
          { x: x + (slot - gap) / 2, y: top + plot - hgt - 6, class: 'count', 'text-anchor': 'middle' },
          String(n),
        ),
      );
    g.append(
      el(
        'text',
        { x: x + (slot - gap) / 2, y: H - 8, class: 'tick', 'text-anchor': 'middle' },
        String(hour).padStart(2, '0'),
      ),
    );
    svg.append(g);
  });
  return svg;
}
