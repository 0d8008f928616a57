"""What a school asks parents to agree to, each parent's answer, and what a missing answer stops."""
