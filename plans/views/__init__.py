"""Plans' pages by subject: plans (and the review queue), work logs, the month, the week."""
