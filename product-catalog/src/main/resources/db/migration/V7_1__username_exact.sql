-- Usernames compared exactly (issue 14): utf8mb4_bin, chosen in V4, is a PAD SPACE collation, so
-- 'manager   ' = 'manager' and a login with trailing spaces signed in as the user without them.
-- utf8mb4_nopad_bin compares every byte, trailing spaces included. New usernames cannot hold
-- spaces at all (UserService); the service also compares the stored name with the one given.
-- Numbered 7.1: 8 and above belong to another branch (issue 12), and 7.1 runs before them.
ALTER TABLE app_user
    MODIFY username VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
