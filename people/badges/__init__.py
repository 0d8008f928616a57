"""QR badges: a pupil signs in by showing their login card's QR code to the camera, or by typing its
short code. A badge is signed (django.core.signing), revocable, and a badge session cannot change a
password or download personal data (people.badges.session)."""
