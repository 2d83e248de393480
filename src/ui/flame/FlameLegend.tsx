// The flame graph's legend, for pages that do not have one of their own (the app shell draws its own).
export function FlameLegend({ differential }: { readonly differential: boolean }) {
  if (!differential) {
    return (
      <div className="flame-legend" data-testid="flame-legend">
        One profile: colour = Go package, width = value. Load a second profile to see what changed.
      </div>
    );
  }
  return (
    <div className="flame-legend" data-testid="flame-legend">
      <span className="flame-swatch flame-swatch-grew" /> red = grew, <span className="flame-swatch flame-swatch-shrank" /> blue = shrank,
      intensity = size of change · <span className="flame-swatch flame-swatch-new" /> dashed = new in target ·{' '}
      <span className="flame-swatch flame-swatch-merged" /> +N = frames under a pixel, summed
    </div>
  );
}
