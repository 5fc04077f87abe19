import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { PublicOnly, RequireAuth, SetupGate } from './guards';
import { LoginPage } from '../features/auth/LoginPage';
import { NotFoundPage } from './NotFoundPage';

// Public pages are small and needed first; everything behind login loads on demand.
const SetupPage = lazy(() => import('../features/setup/SetupPage'));
const MyDayPage = lazy(() => import('../features/my-day/MyDayPage'));
const UserList = lazy(() => import('../features/users/UserList'));
const UserCard = lazy(() => import('../features/users/UserCard'));
const DepartmentsPage = lazy(() => import('../features/departments/DepartmentsPage'));
const RoleList = lazy(() => import('../features/roles/RoleList'));
const RoleCard = lazy(() => import('../features/roles/RoleCard'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage'));
const ProfilePage = lazy(() => import('../features/profile/ProfilePage'));
const OrganizationList = lazy(() => import('../features/clients/OrganizationList'));
const PersonList = lazy(() => import('../features/clients/PersonList'));
const ImportPage = lazy(() => import('../features/import/ImportPage'));
const DuplicatesPage = lazy(() => import('../features/duplicates/DuplicatesPage'));
const MergePage = lazy(() => import('../features/duplicates/MergePage'));
const OrganizationCard = lazy(() => import('../features/client-card/OrganizationCard'));
const OrganizationCreatePage = lazy(() => import('../features/client-card/OrganizationCreatePage'));
const PersonCard = lazy(() => import('../features/client-card/PersonCard'));
const PersonCreatePage = lazy(() => import('../features/client-card/PersonCreatePage'));
const CustomFieldsPage = lazy(() => import('../features/custom-fields/CustomFieldsPage'));
const RecycleBinPage = lazy(() => import('../features/recycle-bin/RecycleBinPage'));
const TaskListPage = lazy(() => import('../features/tasks/TaskListPage'));
const TaskPage = lazy(() => import('../features/tasks/TaskPage'));
const WorkloadPage = lazy(() => import('../features/tasks/WorkloadPage'));
const CalendarPage = lazy(() => import('../features/calendar/CalendarPage'));
const TaskTypesPage = lazy(() => import('../features/task-types/TaskTypesPage'));

export const router = createBrowserRouter([
  {
    element: <SetupGate />,
    children: [
      { path: '/setup', element: <SetupPage /> },
      {
        element: <PublicOnly />,
        children: [{ path: '/login', element: <LoginPage /> }],
      },
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <MyDayPage /> },
          { path: 'tasks', element: <TaskListPage /> },
          { path: 'tasks/workload', element: <WorkloadPage /> },
          { path: 'tasks/:id', element: <TaskPage /> },
          { path: 'calendar', element: <CalendarPage /> },
          { path: 'organizations', element: <OrganizationList /> },
          { path: 'persons', element: <PersonList /> },
          { path: 'organizations/new', element: <OrganizationCreatePage /> },
          { path: 'organizations/:id', element: <OrganizationCard /> },
          { path: 'persons/new', element: <PersonCreatePage /> },
          { path: 'persons/:id', element: <PersonCard /> },
          { path: 'recycle-bin', element: <RecycleBinPage /> },
          { path: 'import', element: <ImportPage /> },
          { path: 'duplicates', element: <DuplicatesPage /> },
          { path: 'duplicates/merge', element: <MergePage /> },
          { path: 'users', element: <UserList /> },
          { path: 'users/:id', element: <UserCard /> },
          { path: 'departments', element: <DepartmentsPage /> },
          { path: 'roles', element: <RoleList /> },
          { path: 'roles/:id', element: <RoleCard /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: 'settings/custom-fields', element: <CustomFieldsPage /> },
          { path: 'settings/task-types', element: <TaskTypesPage /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
