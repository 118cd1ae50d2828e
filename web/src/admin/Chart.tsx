import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

/** A line chart of one or more series over time (uPlot, drawn on a canvas; the figures are also given as text). */
export function Chart({ title, times, series }: { title: string; times: number[]; series: { label: string; values: (number | null)[]; color: string }[] }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) {
      return;
    }
    const width = Math.max(280, host.current.clientWidth);
    const plot = new uPlot(
      {
        width,
        height: 180,
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, spanGaps: true }))],
        axes: [{}, { size: 50 }],
        legend: { show: series.length > 1 },
      },
      [times, ...series.map((s) => s.values)] as uPlot.AlignedData,
      host.current,
    );
    return () => plot.destroy();
  }, [times, series]);
  const last = series.map((s) => `${s.label}: ${s.values.filter((v) => v !== null).slice(-1)[0] ?? '–'}`).join(', ');
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={host} role="img" aria-label={`${title}. ${last}`} />
    </figure>
  );
}
