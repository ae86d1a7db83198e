import type { ViewableMember } from '@openpbm/shared/benefits';
import { SelectField } from '../../../components/form/SelectField';

interface MemberPickerProps {
  members: ViewableMember[];
  notice: string | null;
  value: string;
  onChange: (memberId: string) => void;
}

/** "Whose benefits": the member and the dependents under 18 they manage. Hidden when there is only one. */
export function MemberPicker({ members, notice, value, onChange }: MemberPickerProps) {
  if (members.length < 2) return null;
  return (
    <SelectField
      name="memberId"
      label="Family member"
      hint={notice ?? 'You can see your own benefits and those of your children under 18.'}
      value={value}
      onChange={(change) => onChange(change.target.value)}
      options={members.map((member) => ({
        value: member.memberId,
        label: `${member.firstName} ${member.lastName}${member.relationship === 'self' ? ' (you)' : ''}`,
      }))}
      className="benefits-member-picker no-print"
    />
  );
}
