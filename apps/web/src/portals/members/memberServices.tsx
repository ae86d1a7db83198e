import type { ReactNode } from 'react';
import {
  IdCardIcon,
  MapPinIcon,
  PillIcon,
  PriceTagIcon,
  ReceiptIcon,
  RefillIcon,
  TruckIcon,
} from '../../components/content/icons';

export interface MemberService {
  title: string;
  icon: ReactNode;
  description: string;
  to: string;
  /** The link's words: "Open …". */
  linkText: string;
}

export const memberServices: MemberService[] = [
  {
    title: 'Prescriptions',
    to: '/members/prescriptions',
    linkText: 'your prescriptions',
    icon: <PillIcon />,
    description: 'See your current prescriptions, who prescribed them and how many refills you have left.',
  },
  {
    title: 'Refills',
    to: '/members/auto-refill',
    linkText: 'automatic refills',
    icon: <RefillIcon />,
    description:
      'Request a refill in a few steps, or turn on automatic refills for medicines you take every day.',
  },
  {
    title: 'Home delivery',
    to: '/members/orders',
    linkText: 'your home-delivery orders',
    icon: <TruckIcon />,
    description:
      'Get up to a 90-day supply of long-term medicines mailed to you, and track each order to your door.',
  },
  {
    title: 'Price check',
    to: '/members/price-check',
    linkText: 'the price check',
    icon: <PriceTagIcon />,
    description:
      'Compare what a drug will cost you at a retail pharmacy and by home delivery before you fill it.',
  },
  {
    title: 'Claims',
    to: '/members/claims',
    linkText: 'your claims',
    icon: <ReceiptIcon />,
    description:
      'Review your pharmacy claims: what your plan paid, what you paid, and progress toward your deductible and out-of-pocket maximum.',
  },
  {
    title: 'ID card',
    to: '/members/id-card',
    linkText: 'your ID card',
    icon: <IdCardIcon />,
    description: 'Show your digital member ID card with the BIN, PCN and group numbers your pharmacy needs.',
  },
  {
    title: 'Pharmacy locator',
    to: '/members/pharmacy-locator',
    linkText: 'the pharmacy locator',
    icon: <MapPinIcon />,
    description: 'Find in-network pharmacies near you, including ones open late or 24 hours a day.',
  },
];
