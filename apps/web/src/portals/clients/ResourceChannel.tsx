import { type ReactNode, useId } from 'react';

interface ResourceChannelProps {
  heading: string;
  icon: ReactNode;
  description: string;
  /** What to say while nothing has been published in this channel. */
  emptyText: string;
}

/** One content channel (news, webinars, publications) with its heading and latest items. */
export function ResourceChannel({ heading, icon, description, emptyText }: ResourceChannelProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="resource-channel">
      <h2 id={headingId} className="resource-channel__heading">
        <span className="resource-channel__icon">{icon}</span>
        {heading}
      </h2>
      <p>{description}</p>
      <p className="resource-channel__empty">{emptyText}</p>
    </section>
  );
}
