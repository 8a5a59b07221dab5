import { mdcColours, variationShort, variationText, type Variation } from '../lib/spc';

interface Props {
  variation: Variation | null;
  /** Width and height in pixels. */
  size?: number;
}

function colourOf(v: Variation): string {
  if (v.startsWith('improvement')) return mdcColours.improvement;
  if (v.startsWith('concern')) return mdcColours.concern;
  if (v.startsWith('neutral')) return mdcColours.neutral;
  return mdcColours.common_cause;
}

/**
 * MdcIconVariation is the Making Data Count variation icon: a ring in the
 * point colour, the last points' shape and, for special cause, H (high) or
 * L (low). Its name and meaning are its accessible label; show the words
 * beside it too (variationShort / variationText).
 */
export default function MdcIconVariation({ variation, size = 48 }: Props) {
  const label = `Variation: ${variationShort(variation)}. ${variationText(variation)}`;
  if (variation === null) {
    return (
      <svg className="app-mdc-icon" width={size} height={size} viewBox="0 0 48 48" role="img" aria-label={label}>
        <circle cx="24" cy="24" r="21" fill="#fff" stroke={mdcColours.common_cause} strokeWidth="3" strokeDasharray="4 3" />
        <text x="24" y="29" textAnchor="middle" fontSize="14" fill="#4c6272">–</text>
      </svg>
    );
  }
  const colour = colourOf(variation);
  const high = variation.endsWith('_high');
  const common = variation === 'common_cause';
  // Five dots: flat for common cause; the last two lifted or dropped otherwise.
  const ys = common ? [30, 30, 30, 30, 30] : high ? [34, 34, 34, 27, 24] : [26, 26, 26, 33, 36];
  const xs = [11, 17.5, 24, 30.5, 37];
  return (
    <svg className="app-mdc-icon" width={size} height={size} viewBox="0 0 48 48" role="img" aria-label={label}>
      <circle cx="24" cy="24" r="21" fill="#fff" stroke={colour} strokeWidth="3" />
      <polyline points={xs.map((x, i) => `${x},${ys[i] ?? 30}`).join(' ')} fill="none" stroke="#768692" strokeWidth="1.5" />
      {xs.map((x, i) => (
        <circle key={x} cx={x} cy={ys[i]} r="2.6" fill={!common && i >= 3 ? colour : mdcColours.common_cause} />
      ))}
      {!common && (
        <text x="24" y="19" textAnchor="middle" fontSize="13" fontWeight="bold" fill={colour}>
          {high ? 'H' : 'L'}
        </text>
      )}
    </svg>
  );
}
