import { ClientListPage } from './ClientListPage';

export default function OrganizationList() {
  return <ClientListPage type="organization" />;
}
