// The zoom path as buttons, for pages without the app shell's breadcrumbs; "root" resets.
export function FlameBreadcrumbs(props: { readonly path: readonly string[]; readonly onNavigate: (path: readonly string[]) => void }) {
  const { path, onNavigate } = props;
  return (
    <nav className="flame-breadcrumbs" aria-label="Zoom path" data-testid="flame-breadcrumbs">
      <button type="button" onClick={() => onNavigate([])} data-testid="flame-zoom-reset">
        root
      </button>
      {path.map((name, i) => (
        <span key={i}>
          <span className="flame-crumb-sep">›</span>
          <button type="button" title={name} aria-current={i === path.length - 1 ? 'location' : undefined} onClick={() => onNavigate(path.slice(0, i + 1))}>
            {name}
          </button>
        </span>
      ))}
    </nav>
  );
}
