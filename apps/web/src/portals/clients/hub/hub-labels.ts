// Labels and small helpers the hub pages share.
import {
  CONTENT_TOPIC_LABELS,
  CONTENT_TYPE_LABELS,
  type ContentSummaryView,
  type ContentType,
} from '@openpbm/shared/content-hub';

/** The singular label of a type, for one item's line ("Webinar", "Publication"). */
export const TYPE_SINGULAR: Record<ContentType, string> = {
  news: 'News',
  webinar: 'Webinar',
  publication: 'Publication',
  trend_strategy: 'Trend strategy',
  marketing_tool: 'Marketing tool',
};

export const topicLabel = (topic: string) =>
  CONTENT_TOPIC_LABELS[topic as keyof typeof CONTENT_TOPIC_LABELS] ?? topic;

export const typeLabel = (type: ContentType) => CONTENT_TYPE_LABELS[type];

export const isRegisteredOnly = (item: Pick<ContentSummaryView, 'visibility'>) =>
  item.visibility === 'registered';
