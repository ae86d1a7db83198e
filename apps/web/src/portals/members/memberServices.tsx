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
  /** The page, once the service is open. */
  to?: '/members/price-check' | '/members/claims';
}

export const memberServices: MemberService[] = [
  {
    title: 'Prescriptions',
    icon: <PillIcon />,
    description: 'See your current prescriptions, who prescribed them and how many refills you have left.',
  },
  {
    title: 'Refills',
    icon: <RefillIcon />,
    description:
      'Request a refill in a few steps, or turn on automatic refills for medicines you take every day.',
  },
  {
    title: 'Home delivery',
    icon: <TruckIcon />,
    description:
      'Get up to a 90-day supply of long-term medicines mailed to you, and track each order to your door.',
  },
  {
    title: 'Price check',
    icon: <PriceTagIcon />,
    description:
      'Compare what a drug will cost you at a retail pharmacy and by home delivery before you fill it.',
    to: '/members/price-check',
  },
  {
    title: 'Claims',
    icon: <ReceiptIcon />,
    description:
      'Review your pharmacy claims: what your plan paid, what you paid, and progress toward your deductible and out-of-pocket maximum.',
    to: '/members/claims',
  },
  {
    title: 'ID card',
    icon: <IdCardIcon />,
    description: 'Show your digital member ID card with the BIN, PCN and group numbers your pharmacy needs.',
  },
  {
    title: 'Pharmacy locator',
    icon: <MapPinIcon />,
    description: 'Find in-network pharmacies near you, including ones open late or 24 hours a day.',
  },
];
