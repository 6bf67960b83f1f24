// Users on the wire: the Employee shape of spec §2.3.1 plus the members of DECISIONS.
import { displayNameOf, LOST_USER_ID, type User } from '../../domain/people/user.js';

const AVATAR = '/skins/default/images/default_user_photo_size_32-32.png';

/** Employee (spec §2.3.1), as embedded in CRM objects (`createBy`, `accessList`). */
export function presentEmployee(user: User | undefined) {
  if (!user) {
    return { id: LOST_USER_ID, displayName: 'Unknown Unknown', avatarSmall: AVATAR, profileUrl: '' };
  }
  return {
    id: user.id,
    displayName: displayNameOf(user),
    ...(user.title ? { title: user.title } : {}),
    avatarSmall: AVATAR,
    profileUrl: `/Products/People/Profile.aspx?user=${encodeURIComponent(user.email)}`,
  };
}

/** people/@self and people/{id}. */
export function presentPerson(user: User) {
  return {
    ...presentEmployee(user),
    userName: user.email,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    title: user.title,
    isAdmin: user.isAdmin,
    isVisitor: user.isVisitor,
    isActive: user.isActive,
    status: user.isActive ? 1 : 2,
    activationStatus: 1,
  };
}
