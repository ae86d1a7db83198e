import { Badge, Card } from '@cmsgov/design-system';
import type { ReactNode } from 'react';

interface FeatureCardProps {
  title: string;
  icon?: ReactNode;
  /** Shown as a badge beside the title, e.g. a short state such as "New". */
  status?: string;
  children: ReactNode;
  /** Link or button at the bottom of the card. */
  action?: ReactNode;
}

export function FeatureCard({ title, icon, status, children, action }: FeatureCardProps) {
  return (
    <li className="card-grid__item">
      <Card className="feature-card">
        {icon ? <span className="feature-card__icon">{icon}</span> : null}
        <h3 className="feature-card__title">{title}</h3>
        {status ? (
          <Badge variation="info" screenReaderText="Status: " className="feature-card__status">
            {status}
          </Badge>
        ) : null}
        <div className="feature-card__body">{children}</div>
        {action ? <div className="feature-card__action">{action}</div> : null}
      </Card>
    </li>
  );
}
