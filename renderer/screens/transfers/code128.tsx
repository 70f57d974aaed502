import JsBarcode from 'jsbarcode';
import { useEffect, useRef } from 'react';

/** A Code128 barcode drawn as SVG by jsbarcode (sharp on screen and on paper). */
export function Code128({ value, label }: { value: string; label: string }) {
  const svg = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (svg.current) JsBarcode(svg.current, value, { format: 'CODE128', width: 1.6, height: 56, margin: 0, fontSize: 13, displayValue: true });
  }, [value]);
  return <svg ref={svg} role="img" aria-label={label} data-testid="transfer-barcode" data-value={value} />;
}
