// The help center's first articles, in OpenPBM's own words. Each answer links to the portal page that does the
// thing. Editors change them afterwards in the portal; the seed only writes them into an empty database.
import type { HelpCategory } from '../schema/support';

export interface HelpArticleSeed {
  slug: string;
  category: HelpCategory;
  title: string;
  body: string;
  portalPath: string;
  portalLabel: string;
}

export const HELP_ARTICLES: readonly HelpArticleSeed[] = [
  {
    slug: 'refill-a-prescription',
    category: 'refills',
    title: 'How do I refill a prescription?',
    body: 'Open Refills, tick the medicines you need and choose Review order. We check each prescription first: whether refills are left, whether it is too soon, and what you will pay. Home delivery orders ship in about five business days; choose expedited shipping if you are running low. You can also refill a family member’s prescription when they shared access with you.',
    portalPath: '/members/refill',
    portalLabel: 'Refill prescriptions',
  },
  {
    slug: 'track-an-order',
    category: 'orders',
    title: 'Where is my order? Tracking a home delivery',
    body: 'Orders shows each order with its steps: received, checked by a pharmacist, filled, shipped and delivered. Once it ships you see the carrier and the tracking number. If an order needs attention, for example because a card was declined, the order says what to do and you can choose another card there.',
    portalPath: '/members/orders',
    portalLabel: 'See my orders',
  },
  {
    slug: 'automatic-refills',
    category: 'auto_refill',
    title: 'Automatic refills: turn them on, pause or stop',
    body: 'Automatic refills send a medicine you take every day before you run out, charged to the card you choose. Turn them on per prescription, pause them while you travel, and stop them at any time. We e-mail you before each refill and tell you if one could not be sent.',
    portalPath: '/members/auto-refill',
    portalLabel: 'Manage automatic refills',
  },
  {
    slug: 'transfer-to-home-delivery',
    category: 'transfers',
    title: 'Move a prescription from a store pharmacy to home delivery',
    body: 'Choose Transfers and pick a prescription we already know from your claims, or type the pharmacy name, its phone number and the Rx number from the label. Our pharmacy calls the store and moves the prescription; we tell you when it is done or if the store could not transfer it.',
    portalPath: '/members/transfers',
    portalLabel: 'Start a transfer',
  },
  {
    slug: 'new-prescription',
    category: 'new_prescriptions',
    title: 'Getting a new prescription filled by home delivery',
    body: 'Ask your doctor to send the new prescription electronically to OpenPBM home delivery. If they need our details, use Ask my doctor: we send your doctor’s office what it needs. New prescriptions appear in Prescriptions as soon as we receive them.',
    portalPath: '/members/ask-doctor',
    portalLabel: 'Ask my doctor',
  },
  {
    slug: 'prior-authorization',
    category: 'prior_authorization',
    title: 'What is prior authorization and how long does it take?',
    body: 'Some medicines are covered only after your plan agrees in advance that they fit your situation. Your doctor sends the request; a clinician decides within 72 hours when it is urgent and within 7 calendar days otherwise. You can follow each request and read the decision in Prior authorization.',
    portalPath: '/members/prior-auth',
    portalLabel: 'Follow my requests',
  },
  {
    slug: 'cost-of-medicine',
    category: 'cost',
    title: 'How much will my medicine cost?',
    body: 'Price check shows what you would pay for a medicine at a store pharmacy and by home delivery, based on your plan, your deductible and what you have paid so far this year. Generic medicines usually cost the least. The price is an estimate until the pharmacy fills the prescription.',
    portalPath: '/members/price-check',
    portalLabel: 'Check a price',
  },
  {
    slug: 'formulary-exception',
    category: 'exceptions',
    title: 'Asking for a formulary exception',
    body: 'If your medicine is not on the drug list, or costs more than you think it should, your doctor can ask for an exception: to cover a medicine that is not listed, or to cover it at a lower tier. Your doctor explains why the listed alternatives do not work for you.',
    portalPath: '/members/prior-auth',
    portalLabel: 'Requests and exceptions',
  },
  {
    slug: 'what-is-covered',
    category: 'coverage',
    title: 'Is my medicine covered by my plan?',
    body: 'Coverage shows your plan, your deductible and out-of-pocket maximum, and how much of each you have met. Search the drug list to see whether a medicine is covered, its tier, and whether it needs prior authorization, step therapy or has a quantity limit.',
    portalPath: '/members/coverage',
    portalLabel: 'See my coverage',
  },
  {
    slug: 'denials-and-appeals',
    category: 'denials_appeals',
    title: 'My request was denied. How do I appeal?',
    body: 'The decision letter says why a request was denied and what criteria were not met. You or your doctor can appeal: a different clinician looks at the request again, together with anything new you send. Start the appeal from the request in Prior authorization.',
    portalPath: '/members/prior-auth',
    portalLabel: 'Appeal a decision',
  },
  {
    slug: 'urgent-medicine',
    category: 'urgent',
    title: 'I need my medicine today',
    body: 'If you are about to run out, find a store pharmacy near you and ask for a short supply, or ask for an urgent supply in the portal. For an emergency, call 911 or go to the nearest emergency room.',
    portalPath: '/members/urgent-supply',
    portalLabel: 'Get an urgent supply',
  },
  {
    slug: 'find-a-pharmacy',
    category: 'pharmacies',
    title: 'Find a pharmacy in your network',
    body: 'The pharmacy locator lists pharmacies in your plan’s network near a ZIP code, with their opening hours, whether they are open now, and whether they offer 90-day supplies or drive-through service.',
    portalPath: '/members/pharmacy-locator',
    portalLabel: 'Find a pharmacy',
  },
  {
    slug: 'mobile-app',
    category: 'mobile_app',
    title: 'Using OpenPBM on your phone',
    body: 'The member portal works as an app: on your phone choose Add to home screen (or Install). Your ID card then opens even without a connection, and you can turn on push alerts for orders and refills in your notification settings.',
    portalPath: '/members/notifications',
    portalLabel: 'Notification settings',
  },
  {
    slug: 'contact-us',
    category: 'contact',
    title: 'Contacting customer service',
    body: 'Write us a secure message from the portal, attach the prescription or order it is about, and we answer within one business day. You can also ask us to call you back at a time that suits you, or call us: the phone and TTY numbers and our hours are on the contact page.',
    portalPath: '/members/help/contact',
    portalLabel: 'Contact us',
  },
  {
    slug: 'message-your-doctor',
    category: 'new_prescriptions',
    title: 'Write to your prescriber’s office about a prescription',
    body: 'Ask your prescriber’s office for a renewal, or whether a generic would work for you, with a secure message about the prescription. You can attach a PDF or a photo (PNG or JPEG, up to 5 MB). You see when the office has read your message.',
    portalPath: '/members/messages/prescriber',
    portalLabel: 'Message my prescriber',
  },
];
