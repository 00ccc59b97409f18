"""What supervision does when other contexts' events arrive: alerts raised and closed (R36)."""
