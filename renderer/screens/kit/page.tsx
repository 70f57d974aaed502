/** Page frame of the management screens: title row with actions, then content. */
import type { ReactNode } from 'react';

export function Page({
  title,
  subtitle,
  actions,
  back,
  children,
  wide,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  back?: { label: string; href: string };
  children: ReactNode;
  /** Full-height layout for virtualized lists (the list scrolls, not the page). */
  wide?: boolean;
}) {
  return (
    <section className={wide ? 'page mg-page mg-page--fill' : 'page mg-page'}>
      <header className="mg-page__header">
        <div className="mg-page__titles">
          {back ? (
            <a className="mg-back" href={`#${back.href}`}>
              ‹ {back.label}
            </a>
          ) : null}
          <h1 className="page__title">{title}</h1>
          {subtitle ? <p className="page__sub mg-page__sub">{subtitle}</p> : null}
        </div>
        {actions ? <div className="mg-page__actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

export function Card({ title, actions, children, className }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className={className ? `card mg-card ${className}` : 'card mg-card'}>
      {title || actions ? (
        <div className="card__head">
          {title ? <h2 className="mg-card__title">{title}</h2> : <span />}
          {actions ? <div className="mg-card__actions">{actions}</div> : null}
        </div>
      ) : null}
      <div className="card__body">{children}</div>
    </div>
  );
}

/** Inline status line (success / error / info), announced to screen readers. */
export function Banner({ tone, children }: { tone: 'info' | 'success' | 'warning' | 'danger'; children: ReactNode }) {
  return (
    <div className={`mg-banner mg-banner--${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="card empty">{children}</div>;
}
