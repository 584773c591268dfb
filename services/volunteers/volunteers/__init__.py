"""Pioneer Grid volunteer activities (志愿服务): teams, activities, sign-up, check-in, records."""
