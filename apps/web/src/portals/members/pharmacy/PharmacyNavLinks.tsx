import { Link } from '@tanstack/react-router';
import { useSession } from '../../../identity/session';

/** Main-navigation items for the pharmacy pages: members get Prescriptions and Orders, home-delivery staff the queue. */
export function PharmacyNavLinks({ className }: { className?: string }) {
  const session = useSession();
  const role = session.data?.signedIn ? session.data.user?.role : null;
  if (role === 'member') {
    return (
      <>
        <li>
          <Link to="/members/prescriptions" className={className}>
            Prescriptions
          </Link>
        </li>
        <li>
          <Link to="/members/orders" className={className}>
            Orders
          </Link>
        </li>
      </>
    );
  }
  if (role === 'prescriber') {
    return (
      <li>
        <Link to="/prescribers/eprescribe" className={className}>
          E-prescribe
        </Link>
      </li>
    );
  }
  if (role === 'pharmacy_staff') {
    return (
      <li>
        <Link to="/pharmacies/home-delivery" className={className}>
          Order queue
        </Link>
      </li>
    );
  }
  return null;
}
