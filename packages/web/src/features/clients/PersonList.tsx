import { ClientListPage } from './ClientListPage';

export default function PersonList() {
  return <ClientListPage type="person" />;
}
