import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import AppLayout from './components/AppLayout';
import RoutePage from './components/RoutePage';
import LoginPage from './pages/LoginPage';
import NotFoundPage from './pages/NotFoundPage';
import { appRoutes } from './routes';

// Reached from a link an administrator sends; no sign-in needed.
const SetPasswordPage = lazy(() => import('./pages/account/SetPasswordPage'));

/** App maps addresses to pages; the page list itself is in routes.tsx. */
export default function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/set-password"
        element={
          <Suspense fallback={null}>
            <SetPasswordPage />
          </Suspense>
        }
      />
      <Route element={<AppLayout />}>
        {appRoutes.map((r) => (
          <Route key={r.path} path={r.path} element={<RoutePage route={r} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
