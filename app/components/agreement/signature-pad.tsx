import { useEffect, useRef, useState } from "react";
import type SignaturePadType from "signature_pad";

/** The stored drawing's coordinate space (viewBox of the rendered signature). */
export const SIGNATURE_BOX = { width: 600, height: 200 };

type PointGroups = ReturnType<SignaturePadType["toData"]>;

/** signature_pad's strokes as SVG path data in a 600×200 box: only M/L commands and numbers, never markup. */
export function strokesToPath(groups: PointGroups, size: { width: number; height: number }): string {
  const sx = SIGNATURE_BOX.width / Math.max(1, size.width);
  const sy = SIGNATURE_BOX.height / Math.max(1, size.height);
  const num = (v: number, max: number) => String(Math.round(Math.min(max, Math.max(0, v)) * 10) / 10);
  const at = (p: { x: number; y: number }) => `${num(p.x * sx, SIGNATURE_BOX.width)} ${num(p.y * sy, SIGNATURE_BOX.height)}`;
  const parts: string[] = [];
  for (const group of groups) {
    const [first, ...rest] = group.points;
    if (!first) continue;
    parts.push(`M${at(first)}`);
    // A tap is a dot: draw it as a tiny stroke so it shows.
    if (rest.length === 0) parts.push(`L${at({ x: first.x + 0.5, y: first.y })}`);
    for (const p of rest) parts.push(`L${at(p)}`);
  }
  return parts.join(" ");
}

/**
 * A finger (or mouse, or pen) signature on the tablet. signature_pad is loaded in the browser only;
 * `onChange` receives the path data ("" when cleared).
 */
export function SignaturePadField({ id, label, onChange, error }: { id: string; label: string; onChange: (path: string) => void; error?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePadType | null>(null);
  const [empty, setEmpty] = useState(true);
  // signature_pad arrives by a lazy import: until it has, a stroke would draw nothing and be lost,
  // so the pad says it is getting ready rather than looking ready.
  const [ready, setReady] = useState(false);
  const report = useRef(onChange);
  report.current = onChange;

  useEffect(() => {
    let disposed = false;
    const element = canvas.current;
    if (!element) return;
    const fit = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const data = pad.current?.toData();
      element.width = element.offsetWidth * ratio;
      element.height = element.offsetHeight * ratio;
      element.getContext("2d")?.scale(ratio, ratio);
      if (data) pad.current?.fromData(data);
    };
    void import("signature_pad").then(({ default: SignaturePad }) => {
      if (disposed) return;
      fit();
      const instance = new SignaturePad(element, { minWidth: 1, maxWidth: 3, penColor: "#111" });
      instance.addEventListener("endStroke", () => {
        setEmpty(instance.isEmpty());
        report.current(strokesToPath(instance.toData(), { width: element.offsetWidth, height: element.offsetHeight }));
      });
      pad.current = instance;
      setReady(true);
    });
    window.addEventListener("resize", fit);
    return () => {
      disposed = true;
      window.removeEventListener("resize", fit);
      pad.current?.off();
      pad.current = null;
    };
  }, []);

  const clear = () => {
    pad.current?.clear();
    setEmpty(true);
    report.current("");
  };

  return (
    <div className="field signature-field">
      <p className="label" id={`${id}-label`}>
        {label}
      </p>
      <canvas
        ref={canvas}
        id={id}
        className="signature-canvas"
        role="img"
        aria-labelledby={`${id}-label`}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-busy={ready ? undefined : true}
        data-empty={empty ? "true" : "false"}
        data-ready={ready ? "true" : "false"}
      />
      {ready ? null : (
        <p className="hint" role="status">
          Getting the signature pad ready…
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={clear} disabled={empty}>
          Clear
        </button>
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
