import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  readonly error?: Error;
}

/**
 * Keeps a screen's rendering error on that screen: the navigation, the satellites and the other screens keep
 * working, and the error says what broke. The app keys it by route, so going elsewhere starts afresh.
 */
export class ErrorBoundary extends Component<{ readonly children: ReactNode }, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('A screen failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="screen">
        <div className="panel-state panel-state--error" role="alert" data-state="crashed">
          <strong>This screen failed to show</strong>
          <div className="panel-state__hint">{error.message}</div>
          <button type="button" onClick={() => this.setState({ error: undefined })}>
            Try again
          </button>
        </div>
      </div>
    );
  }
}
