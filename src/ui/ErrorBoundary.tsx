// Never a blank page: a render error shows what failed and offers to continue with the state reset
// for that part of the page (or a full reload).
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  readonly area: string;
  readonly children: ReactNode;
  /** Called before retrying, to clear the state that made the area fail. */
  readonly onReset?: () => void;
}

interface State {
  readonly error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.area} failed`, error, info.componentStack);
  }

  private retry = () => {
    this.props.onReset?.();
    this.setState({ error: null });
  };

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="error-boundary" role="alert" data-testid="crash">
        <strong>{this.props.area} failed:</strong> <span>{error.message}</span>
        <div className="error-boundary-actions">
          <button type="button" onClick={this.retry}>
            Try again
          </button>
          <button type="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      </div>
    );
  }
}
